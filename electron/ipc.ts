// IPC: one `invoke` channel per contract method, all under the one prefix. Each call is checked to come
// from the app's own top-level frame before the service sees it; the service's `dispatch` then parses the
// input with the contract's zod schema and answers with the {ok, data | error} envelope, never a throw.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_PREFIX, METHODS, type Envelope } from '../db/contract';
import { dispatch, type Service } from '../db/service';
import { isAppUrl } from './origin';

/** The part of ipcMain we use, so tests can pass a fake. */
export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>;

/** Why a call is refused, or null when it comes from the app's main frame. */
export function senderProblem(event: SenderEvent): string | null {
  try {
    const frame = event.senderFrame;
    if (!frame) return 'the sending frame is gone';
    const mainFrame = event.sender?.mainFrame;
    if (frame !== mainFrame && frame.parent !== null) return 'the sender is a subframe';
    if (!isAppUrl(frame.url)) return `the sender is not the app (${frame.url})`;
    return null;
  } catch {
    // WebFrameMain and WebContents throw on access once disposed: a sender that went away is refused.
    return 'the sender is gone';
  }
}

export function forbidden(reason: string): Envelope<never> {
  return { ok: false, error: { code: 'forbidden', message: `拒绝访问：${reason}` } };
}

/** Registers every contract method; returns a disposer that removes exactly these handlers. */
export function registerIpc(ipcMain: IpcMainLike, service: Service): () => void {
  const channels = METHODS.map((method) => {
    const channel = CHANNEL_PREFIX + method;
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
      const problem = senderProblem(event);
      if (problem) return forbidden(problem);
      return dispatch(service, method, input);
    });
    return channel;
  });
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
