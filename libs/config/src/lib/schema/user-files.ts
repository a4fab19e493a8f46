import { z } from 'zod';
import { settingsFileSchema } from './settings';

/** `$XDG_CONFIG_HOME/provisioning/config.yaml`: the user's own settings for every workspace. */
export const userConfigFileSchema = z.strictObject(
  { settings: settingsFileSchema.optional().describe('Settings for every workspace of this user.') },
  { error: 'a mapping with `settings:`' },
);
export type UserConfigFile = z.infer<typeof userConfigFileSchema>;

export const SECRET_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_NAME_PHRASE = 'a secret name of letters, digits and _';

/** A secrets file (`.provisioning/secrets.yaml`): names to string values. Mode 0600, never in git. */
export const secretsFileSchema = z.record(
  z.string().regex(SECRET_NAME_PATTERN, { error: SECRET_NAME_PHRASE }),
  z.string({ error: 'a string (quote numbers)' }),
  { error: 'a mapping of secret names to string values' },
);
