import type { ChannelSender } from './channel-sender';
import { ProviderError, postJson, type AttemptRecord } from './provider-call';
import { wechatFields } from './wechat-fields';

/** WeChat answers HTTP 200 with an errcode: these may pass later (busy, throttled, stale token). */
const RETRYABLE_ERRCODES = new Set([-1, 40001, 42001, 45009, 45011]);

export interface WechatProviderOptions {
  /** The subscription-message endpoint (`…/cgi-bin/message/subscribe/send?access_token=…`). */
  url: string;
  /** Platform template key → the mini-program's WeChat template id; the key itself if absent. */
  templateIds: Record<string, string>;
  timeoutMs?: number;
}

const report = (onAttempt: ((a: AttemptRecord) => void) | undefined, provider: string) => ({
  sent: (detail: string) => onAttempt?.({ provider, outcome: 'sent', detail }),
  failed: (error: ProviderError) =>
    onAttempt?.({
      provider,
      outcome: error.retryable ? 'retryable' : 'terminal',
      detail: error.message,
    }),
});

/**
 * WeChat one-time subscription message by openid: `POST {url}` with `{touser, template_id, data}`
 * (fields from the rendered template, cut or refused to fit WeChat's limits), answering
 * `{errcode, errmsg, msgid}`. The reference goes as the `idempotency-key` header, for the relays
 * that honour one; WeChat itself keeps none.
 */
export function createWechatProvider(name: string, options: WechatProviderOptions): ChannelSender {
  return {
    async send(message, onAttempt, beforeCall) {
      await beforeCall?.(name);
      const { template, reference, to, text } = message;
      const log = report(onAttempt, name);
      try {
        const body = await postJson(
          name,
          options.url,
          {
            touser: to,
            template_id: options.templateIds[template] ?? template,
            data: wechatFields(text, name),
          },
          { idempotencyKey: reference, timeoutMs: options.timeoutMs ?? 5_000 },
        );
        const errcode = typeof body['errcode'] === 'number' ? body['errcode'] : 0;
        if (errcode !== 0)
          throw new ProviderError(
            `${name} answered errcode ${errcode}: ${(typeof body['errmsg'] === 'string' ? body['errmsg'] : '').slice(0, 100)}`,
            name,
            RETRYABLE_ERRCODES.has(errcode),
          );
        const msgid = body['msgid'];
        if (typeof msgid !== 'string' && typeof msgid !== 'number')
          throw new ProviderError(`${name} gave no msgid`, name, true);
        log.sent(String(msgid));
        return { providerMessageId: String(msgid), provider: name };
      } catch (error) {
        if (error instanceof ProviderError) log.failed(error);
        throw error;
      }
    },
  };
}
