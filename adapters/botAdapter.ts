/**
 * The Bot Framework adapter: CloudAdapter with authentication built from the typed configuration,
 * and the turn error handler that keeps one failed turn from hurting the customer or the process.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { BotAdapter } from 'botbuilder';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { BotIdentity } from '../config';
import { botResponses } from '../bots/responses';
import { chooseLocale } from '../locale/locale';
import type { SupportedLocale } from '../locale/locale';
import { storageOutageCode } from '../storage/storageOutage';
import { CachedConnectorsAuthentication } from './cachedConnectors';

/** What the error handler needs from the bot to answer in the customer's language and recover. */
export interface TurnErrorRecovery {
  localeOf(context: TurnContext): Promise<SupportedLocale>;
  resetDialogs(context: TurnContext): Promise<void>;
}

/** Whether this identity means local anonymous mode (no Bot Framework authentication). */
export function isAnonymous(identity: BotIdentity): boolean {
  return identity.appId === '';
}

/** Builds the CloudAdapter for an identity. With no app id, requests are not authenticated. */
export function createBotAdapter(identity: BotIdentity): CloudAdapter {
  const settings = {
    MicrosoftAppId: identity.appId,
    MicrosoftAppPassword: identity.appPassword,
    MicrosoftAppType: identity.appType,
    MicrosoftAppTenantId: identity.tenantId,
  };
  const credentials = new ConfigurationServiceClientCredentialFactory(settings);
  return new CloudAdapter(new CachedConnectorsAuthentication(new ConfigurationBotFrameworkAuthentication(settings, credentials)));
}

/**
 * Installs `onTurnError`: logs the whole error (never the message text), sends a trace for the
 * Emulator, apologises to the customer in their language with the way to a person (P1, P7), and
 * resets the dialog stack so the next message starts clean. It never throws. When the store itself
 * failed (unreachable, damaged), it does not touch it again: the language comes from the activity
 * and the reset is skipped, so the apology is not held up by the outage.
 */
export function installTurnErrorHandler(adapter: BotAdapter, recovery: TurnErrorRecovery, logger: Logger): void {
  const log = logger.child({ area: 'turn-error' });
  adapter.onTurnError = async (context, error) => {
    const activity = context.activity;
    const outage = storageOutageCode(error);
    log.error(
      { err: error, conversationId: activity?.conversation?.id, channel: activity?.channelId, type: activity?.type, storageOutage: outage },
      'turn failed',
    );
    try {
      await context.sendTraceActivity('OnTurnError Trace', `${error}`, 'https://www.botframework.com/schemas/error', 'TurnError');
      let locale: SupportedLocale = chooseLocale({ text: typeof activity?.text === 'string' ? activity.text : undefined, activityLocale: activity?.locale });
      if (!outage) {
        try {
          locale = await recovery.localeOf(context);
        } catch (stateError) {
          log.warn({ err: stateError }, 'could not read the conversation locale after a failed turn');
        }
      }
      if (activity?.type === 'message' || activity?.type === 'event') {
        await context.sendActivity(outage ? botResponses[locale].storageError : botResponses[locale].turnError);
      }
      if (!outage) await recovery.resetDialogs(context);
    } catch (sendError) {
      log.error({ err: sendError, conversationId: activity?.conversation?.id }, 'could not tell the customer about a failed turn');
    }
  };
}
