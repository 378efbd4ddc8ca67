import { evaluationBench } from './evaluation';
await evaluationBench([11, 10_000, 100_000], () => 1, (s) => process.stdout.write(s + '\n'));
