// The benchmark's command line: what to run, at which sizes, for how long; and its log on stderr.
import { parseArgs } from 'node:util';

export const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    backends: { type: 'string', default: 'sqlite,postgres' },
    sizes: { type: 'string', default: '10000,100000,1000000' },
    iterations: { type: 'string', default: '200' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '1,8,32' },
    out: { type: 'string', default: 'bench-results' },
    'postgres-url': { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    'redis-url': { type: 'string', default: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' },
  },
});
export const options = {
  backends: args.backends.split(','),
  sizes: args.quick ? [10_000] : args.sizes.split(',').map(Number),
  iterations: args.quick ? 1 : Number(args.iterations),
  warmup: args.quick ? 1 : Math.min(20, Number(args.iterations)),
  duration: args.quick ? 1 : Number(args.duration),
  connections: args.quick ? [1, 8] : args.connections.split(',').map(Number),
  registrations: args.quick ? 1 : 5,
};
export const PASSWORD = 'benchmark household password 2026';
export const SEARCH_TERM = 'coffee';

export const log = (line) => process.stderr.write(`${line}\n`);
