import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { type Layer, type LayeredValues, mergeLayers, originOf } from '../layers/merge-layers';
import { zodIssuesToDiagnostics } from '../validate/zod-diagnostics';
import type { ParsedYamlFile } from '../yaml/read-yaml-file';
import { locate } from '../yaml/locate';

/** What an extension tells config about a taskserv: its params schema and default values. */
export interface TaskservSchemaInfo {
  paramsSchema: z.ZodType;
  defaults?: Record<string, unknown>;
}

/** An extension of that name exists, but no version of it satisfies the entry's `version` range. */
export interface TaskservVersionMismatch {
  /** What was asked and what is available, e.g. `no version of taskserv "redis" satisfies ^9.0.0 ...; available: 0.1.0 (built-in)`. */
  versionMismatch: string;
}

/**
 * Finds a taskserv's schema by name and the entry's `version` range (when it has one); undefined
 * when no installed extension provides the name.
 */
export type TaskservLookup = (
  taskservName: string,
  versionRange?: string,
) => TaskservSchemaInfo | TaskservVersionMismatch | undefined;

/** One file layer of params: the values and where they sit in their file. */
export interface ParamsFileLayer {
  values: Record<string, unknown> | undefined;
  parsed: ParsedYamlFile;
  basePath: (string | number)[];
}

export const PARAM_LAYERS = { extension: 'extension', workspace: 'workspace', infra: 'infra' } as const;

function fileLayer(layer: string, input: ParamsFileLayer): Layer {
  return {
    layer,
    values: input.values ?? {},
    describe: (path) => {
      const { line, col } = locate(input.parsed, [...input.basePath, ...path]);
      return `${input.parsed.file}:${line}:${col}`;
    },
  };
}

/** extension defaults < workspace `taskserv_params.<name>` < the infra's `taskservs[i].params`. */
export function layerTaskservParams(
  defaults: Record<string, unknown> | undefined,
  workspace: ParamsFileLayer,
  infra: ParamsFileLayer,
): LayeredValues {
  return mergeLayers([
    { layer: PARAM_LAYERS.extension, values: defaults ?? {} },
    fileLayer(PARAM_LAYERS.workspace, workspace),
    fileLayer(PARAM_LAYERS.infra, infra),
  ]);
}

/**
 * Checks merged params against the taskserv's schema. Each problem points at the layer that set
 * the offending value (workspace or infra file); values from the extension's defaults and missing
 * keys point at the infra's params.
 */
export function validateTaskservParams(
  layered: LayeredValues,
  schema: z.ZodType,
  workspace: ParamsFileLayer,
  infra: ParamsFileLayer,
  /** Expands references that can be resolved now, so params are checked as they will be used. */
  expand: (values: Record<string, unknown>) => unknown = (values) => values,
): Diagnostic[] {
  const result = schema.safeParse(expand(layered.values), { reportInput: true });
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => {
    const keyPath = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
    const origin = originOf(layered, keyPath);
    const layer = origin?.layer === PARAM_LAYERS.workspace ? workspace : infra;
    return zodIssuesToDiagnostics([issue], { parsed: layer.parsed, schema, basePath: layer.basePath });
  });
}
