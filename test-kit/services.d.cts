/** Creates database `name` on the server of adminUrl, empty or as a copy of `template`; returns its URL. */
export declare function createDatabase(adminUrl: string, name: string, template?: string): Promise<string>;
/** Drops database `name` if it exists, closing whatever connections are left. */
export declare function dropDatabase(adminUrl: string, name: string): Promise<void>;
/** Deletes every Redis key under prefix. */
export declare function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void>;
/** An in-process s3rver on a port of its own; close() also removes its folder. */
export declare function startS3rver(): Promise<{ port: number; close(): Promise<void> }>;

export declare class PrivateRedis {
  readonly port: number;
  constructor(port: number);
  get url(): string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export declare class PrivatePostgres {
  readonly port: number;
  readonly dir: string;
  constructor(port: number);
  get url(): string;
  init(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

export declare class PrivateS3rver {
  readonly port: number;
  readonly dir: string;
  constructor(port: number);
  start(): Promise<void>;
  freeze(): void;
  thaw(): void;
  destroy(): Promise<void>;
}
