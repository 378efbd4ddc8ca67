// `node --import ./register.mjs …`: maps 'electron' to the stand-in for every module loaded after it.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
