// `node --import` entry that installs bench/client-node-1-hook.ts: the process then runs on client-node 1.4.
import { register } from 'node:module';

register('./client-node-1-hook.js', import.meta.url);
