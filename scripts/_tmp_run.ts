import { run } from '../src/cli/index';
run();
