// Types for generate.mjs, so the TypeScript suite can regenerate the vectors in memory.
export declare const OUTPUT: string;
export declare function buildFingerprintVectors(): unknown;
export declare function renderFingerprintVectors(vectors?: unknown): string;
