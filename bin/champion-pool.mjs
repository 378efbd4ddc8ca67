#!/usr/bin/env node
// The CLI runs the TypeScript sources directly (tsx), so it always matches the app's own db/ code.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./cli.ts', import.meta.url).href);
