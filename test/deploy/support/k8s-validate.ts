// Checks a rendered Kubernetes object two ways, offline:
// - kubernetes-models: the object's JSON schema from the Kubernetes OpenAPI spec (types, required fields,
//   enums and formats), for the kinds this chart renders;
// - an unknown-field walk over @kubernetes/client-node's generated type maps (every model class lists its
//   fields and their types), because those schemas let unknown fields through, and the API server drops
//   them silently (a misspelt `readOnlyRootFileSystem` would turn a security setting off without a word).
import * as k8s from '@kubernetes/client-node';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';

/** A rendered manifest, as parsed from YAML. */
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: manifests are checked at run time; tests read them freely
  [field: string]: any;
};

type Model = new (data: never) => { validate(): void };

const MODELS: Record<string, Model> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
};

type Attribute = { name: string; baseName: string; type: string };
type ModelClass = { getAttributeTypeMap(): Attribute[] };
const clientModels = k8s as unknown as Record<string, Partial<ModelClass> | undefined>;

const modelClass = (type: string): ModelClass | null => {
  const found = clientModels[type];
  return typeof found?.getAttributeTypeMap === 'function' ? (found as ModelClass) : null;
};

/** client-node's model name for a kind: apps/v1 Deployment → V1Deployment, autoscaling/v2 … → V2…. */
const clientTypeName = (apiVersion: string, kind: string): string => {
  const version = apiVersion.split('/').at(-1) ?? '';
  return `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every field path in `value` that the client-node type `type` does not have, or whose shape is wrong. */
const unknownFields = (value: unknown, type: string, path: string): string[] => {
  if (value === null || value === undefined) return [];
  const array = /^Array<(.+)>$/.exec(type);
  if (array?.[1]) {
    if (!Array.isArray(value)) return [`${path}: expected a list (${type})`];
    return value.flatMap((item, i) => unknownFields(item, array[1] as string, `${path}[${i}]`));
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map?.[1]) {
    if (!isPlainObject(value)) return [`${path}: expected a map (${type})`];
    return Object.entries(value).flatMap(([key, item]) => unknownFields(item, map[1] as string, `${path}.${key}`));
  }
  const model = modelClass(type);
  if (!model) return []; // string, number, boolean, IntOrString, Date, any: kubernetes-models checks those
  if (!isPlainObject(value)) return [`${path}: expected an object (${type})`];
  const attributes = new Map(model.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
  return Object.entries(value).flatMap(([key, item]) => {
    const fieldType = attributes.get(key);
    if (fieldType === undefined) return [`${path}.${key}: unknown field of ${type}`];
    return unknownFields(item, fieldType, `${path}.${key}`);
  });
};

/** Problems with one rendered object; empty when Kubernetes would take it as written. */
export const validateObject = (object: K8sObject): string[] => {
  const where = `${object.kind}/${object.metadata?.name}`;
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) return [`${where}: no model for ${object.apiVersion} ${object.kind}; add it to MODELS`];
  const problems: string[] = [];
  try {
    new Model(object as never).validate();
  } catch (error) {
    problems.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const type = clientTypeName(object.apiVersion, object.kind);
  if (!modelClass(type)) return [...problems, `${where}: @kubernetes/client-node has no ${type}`];
  return [...problems, ...unknownFields(object, type, where)];
};
