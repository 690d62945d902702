// Types for generate.mjs, so the TypeScript suite can regenerate the vectors in memory.
export declare const DIR: string;
export declare function buildSignVectors(): unknown;
export declare function buildVerifyVectors(): unknown;
export declare function buildRfcVector(): unknown;
export declare function renderHttpSignatureVectors(): Record<string, string>;
