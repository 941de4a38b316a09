// Types of build-server.mjs for the TypeScript that imports it (bench, tests).
export declare const serverDist: string;
export declare const serverMain: string;
export declare const serverCli: string;
export declare function serverNodeOptions(env?: NodeJS.ProcessEnv): string[];
export declare function serverBuildIsStale(): boolean;
export declare function workerEntries(): Map<string, string>;
export declare function buildServer(options?: { quiet?: boolean }): Promise<void>;
export declare function ensureServerBuilt(options?: { quiet?: boolean }): Promise<void>;
