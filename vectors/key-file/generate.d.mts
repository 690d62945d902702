// Types for generate.mjs, so the TypeScript suite can regenerate the vectors in memory.
export declare const OUTPUT: string;
export declare function buildKeyFileVectors(sdk: Record<string, unknown>): Promise<unknown[]>;
export declare function renderKeyFileVectors(cases: unknown[]): string;
export declare function loadBuiltSdk(): Promise<Record<string, unknown>>;
