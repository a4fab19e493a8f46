import { CatalogError, loadCatalog, type ToolCatalog } from '@provisioning/distribution';
import { CliError } from '../../cli/errors';

export function loadToolCatalog(file: string | undefined): ToolCatalog {
  try {
    return loadCatalog(file);
  } catch (error) {
    throw asCatalogCliError(error);
  }
}

export function asCatalogCliError(error: unknown): unknown {
  return error instanceof CatalogError ? new CliError(error.message, error.hint) : error;
}
