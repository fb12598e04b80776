export declare function freePort(): Promise<number>;
export declare function waitForPort(port: number, open: boolean, timeoutMs?: number): Promise<void>;
