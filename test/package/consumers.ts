// Which fresh consumer projects the package tests install the tarball into, by the Node they run on: the
// client-node each Node should take, as the README's install section says.

/** A consumer project: the tarball plus one client-node line, as a user of this Node installs them. */
export interface ConsumerSpec {
  /** Folder name and test label. */
  readonly name: string;
  /** The @kubernetes/client-node version installed beside kube-record. */
  readonly clientNode: string;
  /** The `overrides` the consumer's package.json carries (the README's snippet for client-node 2.x on Node 20). */
  readonly overrides?: Readonly<Record<string, string>>;
}

/** A consumer after installation. */
export interface Consumer extends ConsumerSpec {
  /** Absolute path of the consumer project. */
  readonly dir: string;
}

/** client-node 2.x needs undici 8, which needs Node ≥ 22.19. */
export const UNDICI_8_MIN_NODE: readonly [number, number] = [22, 19];

/** The override the README gives Node 20 users who want client-node 2.x. */
export const NODE_20_UNDICI_OVERRIDE: Readonly<Record<string, string>> = { undici: '^7.30.2' };

export const CLIENT_NODE_1 = '1.4.0';
export const CLIENT_NODE_2 = '2.0.1';

/** True when `version` (e.g. `v22.19.0` or `22.19.0`) is at least `[major, minor]`. */
export function nodeAtLeast(version: string, [major, minor]: readonly [number, number]): boolean {
  const [maj = 0, min = 0] = version.replace(/^v/, '').split('.').map(Number);
  return maj > major || (maj === major && min >= minor);
}

/** The consumers to install on a Node of this version. */
export function consumersFor(nodeVersion: string): ConsumerSpec[] {
  if (nodeAtLeast(nodeVersion, UNDICI_8_MIN_NODE)) {
    return [{ name: 'client-node-2', clientNode: CLIENT_NODE_2 }];
  }
  return [
    { name: 'client-node-1', clientNode: CLIENT_NODE_1 },
    { name: 'client-node-2-override', clientNode: CLIENT_NODE_2, overrides: NODE_20_UNDICI_OVERRIDE },
  ];
}
