// `node --import <this> …`: puts the cache variant named by KUBE_RECORD_BENCH_CACHE (a file name in this
// folder, without extension) in place of the correlator's cache; without it, nothing changes.
import { register } from 'node:module';
import type { HookData } from './hooks.js';

const variant = process.env.KUBE_RECORD_BENCH_CACHE;
if (variant) register<HookData>('./hooks.js', import.meta.url, { data: { url: new URL(`./${variant}.js`, import.meta.url).href } });
