// IPC: one `invoke` channel per contract method, all under the one prefix. Each call is checked to come
// from the app's own top-level frame before the service sees it; the service's `dispatch` (on the service
// thread) then parses the input with the contract's zod schema and answers with the {ok, data | error}
// envelope, never a throw.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_PREFIX, contract, FILE_METHODS, METHODS, type Envelope, type ExportFileT, type Method } from '../db/contract';
import { isAppUrl } from './origin';

/** How a contract call reaches the service: parsed, answered, never thrown (db/service's `dispatch`). */
export type Dispatch = (method: Method, input: unknown) => Promise<Envelope<unknown>>;

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

/** What only the desktop shell can do with a file answer: save it where the user chooses, print a report. */
export interface ShellFiles {
  /** Asks where to save and writes the file; null when the user cancels. */
  save(file: ExportFileT): Promise<string | null>;
  /** Prints a shortlist's report page to PDF. */
  printReport(shortlistId: number): Promise<ExportFileT>;
}

const isFileMethod = (m: Method): m is (typeof FILE_METHODS)[number] => (FILE_METHODS as readonly string[]).includes(m);

async function answer(call: Dispatch, method: Method, input: unknown, files: ShellFiles | undefined): Promise<Envelope<unknown>> {
  let envelope: Envelope<unknown>;
  if (method === 'report.pdf' && files) {
    const parsed = contract['report.pdf'].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: parsed.error.message } };
    envelope = await files.printReport(parsed.data.shortlistId).then(
      (data): Envelope<unknown> => ({ ok: true, data }),
      (e: unknown): Envelope<unknown> => ({ ok: false, error: { code: 'internal', message: `生成 PDF 失败：${e instanceof Error ? e.message : String(e)}` } }),
    );
  } else envelope = await call(method, input);
  if (!envelope.ok || !files || !isFileMethod(method)) return envelope;
  // The bytes go to the file the user picks, not back to the page.
  const file = envelope.data as ExportFileT;
  try {
    const savedTo = await files.save(file);
    if (!savedTo) return { ok: false, error: { code: 'cancelled', message: '已取消保存' } };
    return { ok: true, data: { ...file, base64: '', savedTo } };
  } catch (e) {
    return { ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
  }
}

/** Registers every contract method; returns a disposer that removes exactly these handlers. */
export function registerIpc(ipcMain: IpcMainLike, call: Dispatch, files?: ShellFiles): () => void {
  const channels = METHODS.map((method) => {
    const channel = CHANNEL_PREFIX + method;
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
      const problem = senderProblem(event);
      if (problem) return forbidden(problem);
      return answer(call, method, input, files);
    });
    return channel;
  });
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
