// The demo's ConfigMaps: one valid, one missing keys, and one rewritten 30 times so that kube-record's
// dedupe, aggregation and spam filter all show in the recorded events.
import { ApiException, type CoreV1Api, type V1ConfigMap } from '@kubernetes/client-node';
import { REQUIRED_KEYS_ANNOTATION, VALIDATE_LABEL } from './validate.js';

/** Names of the ConfigMaps {@link seedDemoConfigMaps} writes. */
export const DEMO_CONFIG_MAPS = { valid: 'app-config', invalid: 'payments-config', storm: 'rollout-config' } as const;

/** Updates of the storm ConfigMap after its creation. */
export const STORM_UPDATES = 30;

/** Required keys of the storm ConfigMap, in annotation order, and the value each gets when present. */
const STORM_KEYS = [
  ['image', 'registry.example/shop:1.4.2'],
  ['region', 'eu-west-1'],
  ['replicas', '3'],
  ['strategy', 'RollingUpdate'],
] as const;

function demoConfigMap(name: string, requiredKeys: string, data: Record<string, string>): V1ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, labels: { [VALIDATE_LABEL]: 'true' }, annotations: { [REQUIRED_KEYS_ANNOTATION]: requiredKeys } },
    data,
  };
}

/**
 * The storm ConfigMap's data at `step` (0 = creation). A bit mask picks which required keys are
 * present, so the missing-keys message changes in a controlled way:
 * - step 0 and steps 1–12: 13 different masks, so 13 distinct messages. From the 10th distinct message
 *   on, kube-record folds new ones into one `(combined from similar events): …` event.
 * - steps 13–26: flapping between the states of steps 7 and 8: repeats, written as count patches.
 *   With them the object has had 27 Warnings: past the spam filter's burst of 25, steps 25 and 26 are
 *   filtered (each message then shows count 7 although it occurred 8 times).
 * - steps 27–30: every key present: `Normal Validated`, one event with a growing count.
 */
export function stormData(step: number): Record<string, string> {
  const mask = step <= 12 ? step : step <= 26 ? (step % 2 === 0 ? 7 : 8) : 0b1111;
  const data: Record<string, string> = { revision: String(step) };
  STORM_KEYS.forEach(([key, value], bit) => {
    if ((mask >> bit) & 1) data[key] = value;
  });
  return data;
}

/** Creates the ConfigMap, or replaces it when it already exists (so `--seed` can run twice). */
async function apply(core: CoreV1Api, namespace: string, body: V1ConfigMap): Promise<V1ConfigMap> {
  try {
    return await core.createNamespacedConfigMap({ namespace, body });
  } catch (error) {
    if (!(error instanceof ApiException) || error.code !== 409) throw error;
    const name = body.metadata?.name ?? '';
    const current = await core.readNamespacedConfigMap({ name, namespace });
    const metadata = { ...body.metadata, resourceVersion: current.metadata?.resourceVersion };
    return core.replaceNamespacedConfigMap({ name, namespace, body: { ...body, metadata } });
  }
}

/**
 * Writes the demo ConfigMaps into `namespace`, then updates the storm one {@link STORM_UPDATES} times,
 * one write after the other. Each write carries the resourceVersion of the previous answer, so a
 * concurrent writer makes it fail with 409 instead of being overwritten.
 *
 * @example
 * ```ts
 * await seedDemoConfigMaps(kubeConfig.makeApiClient(CoreV1Api), 'default');
 * ```
 */
export async function seedDemoConfigMaps(core: CoreV1Api, namespace: string): Promise<void> {
  await apply(core, namespace, demoConfigMap(DEMO_CONFIG_MAPS.valid, 'database-url, log-level, port', {
    'database-url': 'postgres://db.shop.svc:5432/shop',
    'log-level': 'info',
    port: '8080',
  }));
  await apply(core, namespace, demoConfigMap(DEMO_CONFIG_MAPS.invalid, 'api-key,endpoint,timeout', {
    endpoint: 'https://payments.example/v2',
    timeout: '',
  }));
  const requiredKeys = STORM_KEYS.map(([key]) => key).join(',');
  let storm = await apply(core, namespace, demoConfigMap(DEMO_CONFIG_MAPS.storm, requiredKeys, stormData(0)));
  for (let step = 1; step <= STORM_UPDATES; step++) {
    storm = await core.replaceNamespacedConfigMap({
      name: DEMO_CONFIG_MAPS.storm,
      namespace,
      body: { ...storm, data: stormData(step) },
    });
  }
}
