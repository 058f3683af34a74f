/** Starts the hall server: settings from the environment, then listen. */
import { buildApp } from './build-app';
import { HallConfigError } from './config/halls';
import { loadSettings, SettingsError } from './config/settings';
import { configurationSummary } from './config/summary';

async function main(): Promise<void> {
  let settings;
  try {
    settings = loadSettings();
  } catch (err) {
    if (err instanceof SettingsError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  let app;
  try {
    app = await buildApp({ settings });
  } catch (err) {
    if (err instanceof HallConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    console.error(`cannot start: ${(err as Error).message}`);
    process.exit(1);
  }
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  const listening = await app.listen({ port: settings.port, host: settings.host });
  const summary = configurationSummary(settings, app.qms.service.halls().length, listening);
  app.log.info(summary.fields, summary.message);
}

void main();
