// The operator's manifests (examples/configmap-operator/deploy/): valid against the Kubernetes schemas
// (kubernetes-models), and wired together: the binding, the downward API, the grace period, the lockdown.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { HARD_EXIT_MARGIN_MS, SHUTDOWN_TIMEOUT_MS } from '../../examples/configmap-operator/run.js';

const MANIFEST = fileURLToPath(new URL('../../examples/configmap-operator/deploy/configmap-operator.yaml', import.meta.url));

/** The schema-checked model of each kind the manifests use. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
  'apps/v1/Deployment': Deployment,
};

type Doc = Record<string, unknown> & { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

function documents(text: string): Doc[] {
  return parseAllDocuments(text).map((doc) => {
    expect(doc.errors).toEqual([]);
    return doc.toJS() as Doc;
  });
}

/** Validates one object against its kind's schema; the error message of the first violation, or undefined. */
function schemaError(doc: Doc): string | undefined {
  const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
  if (Model === undefined) return `no schema for ${doc.apiVersion}/${doc.kind}`;
  try {
    new Model(doc as never).validate();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const docs = documents(readFileSync(MANIFEST, 'utf8'));
const byKind = (kind: string): Doc => {
  const found = docs.filter((d) => d.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]!;
};

/** The parts of the Deployment the checks below read. */
interface DeploymentDoc {
  readonly spec: {
    readonly replicas: number;
    readonly template: { readonly spec: Record<string, unknown> & { terminationGracePeriodSeconds: number; containers: Array<Record<string, unknown>> } };
  };
}
const deployment = (): DeploymentDoc => byKind('Deployment') as unknown as DeploymentDoc;

describe('deploy/configmap-operator.yaml', () => {
  it('holds the Namespace, ServiceAccount, ClusterRole, ClusterRoleBinding and Deployment, in apply order', () => {
    expect(docs.map((d) => `${d.kind} ${d.metadata.namespace ?? ''}/${d.metadata.name}`)).toEqual([
      'Namespace /configmap-operator',
      'ServiceAccount configmap-operator/configmap-operator',
      'ClusterRole /configmap-operator',
      'ClusterRoleBinding /configmap-operator',
      'Deployment configmap-operator/configmap-operator',
    ]);
  });

  it('validates every object against the Kubernetes schema', () => {
    expect(docs.map(schemaError)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('the schema check catches a broken object', () => {
    const deployment = structuredClone(byKind('Deployment')) as Doc & { spec: { template: { spec: Record<string, unknown> } } };
    deployment.spec.template.spec['terminationGracePeriodSeconds'] = '30s';
    expect(schemaError(deployment)).toBe('data/spec/template/spec/terminationGracePeriodSeconds must be integer');
    const role = { ...byKind('ClusterRole'), rules: [{ apiGroups: [''], resources: ['events'], verbs: 'create' }] };
    expect(schemaError(role)).toBe('data/rules/0/verbs must be array');
  });

  it('binds the ClusterRole to the ServiceAccount the Deployment runs as', () => {
    const sa = byKind('ServiceAccount');
    expect(byKind('ClusterRoleBinding')).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: byKind('ClusterRole').metadata.name },
      subjects: [{ kind: 'ServiceAccount', name: sa.metadata.name, namespace: sa.metadata.namespace }],
    });
    expect(byKind('Deployment')).toMatchObject({
      metadata: { namespace: byKind('Namespace').metadata.name },
      spec: { template: { spec: { serviceAccountName: sa.metadata.name } } },
    });
  });

  it('gives the pod its name through the downward API, and runs locked down', () => {
    const pod = deployment().spec;
    expect(pod.replicas).toBe(1);
    const [container] = pod.template.spec.containers;
    expect(container?.['env']).toEqual([{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }]);
    expect(pod.template.spec['securityContext']).toEqual({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container?.['securityContext']).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(container?.['resources']).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } });
  });

  it("gives the pod more time to terminate than the operator's shutdown may take", () => {
    const spec = deployment().spec.template.spec;
    // 10 s flush deadline + 5 s before a hung shutdown exits by itself: both end before SIGKILL.
    expect(SHUTDOWN_TIMEOUT_MS + HARD_EXIT_MARGIN_MS).toBe(15_000);
    expect(spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(SHUTDOWN_TIMEOUT_MS + HARD_EXIT_MARGIN_MS);
  });
});
