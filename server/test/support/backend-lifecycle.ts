import { releaseBackends } from './backends';

afterAll(() => releaseBackends());
