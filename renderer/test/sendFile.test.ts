// The API client's file hand-over for imports: the desktop names the file by its path (from the preload),
// browser mode streams the File itself as the body of POST /api/upload (never base64, never JSON) and gets
// an id back; the bridge's refusals arrive as ApiErrors with its Chinese message.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, sendFile } from '../src/api';

/** A stand-in for XMLHttpRequest: records what the client does and answers as the test says. */
class FakeXhr {
  static last: FakeXhr | null = null;
  static answer: (xhr: FakeXhr) => void = () => {};
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  responseText = '';
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
    queueMicrotask(() => FakeXhr.answer(this));
  }
  reply(status: number, value: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(value);
    this.onload?.();
  }
}

const file = () => new File(['统一社会信用代码,企业名称\n'], '台儿庄区.csv', { type: 'text/csv' });

beforeEach(() => {
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  sessionStorage.setItem('champion-pool-token', 'tok123');
  FakeXhr.last = null;
});
afterEach(() => {
  vi.unstubAllGlobals();
  delete window.api;
  sessionStorage.clear();
});

describe('sendFile in browser mode', () => {
  it('streams the File itself to /api/upload with the token, reports progress, and returns the upload id', async () => {
    FakeXhr.answer = (xhr) => {
      xhr.upload.onprogress?.({ lengthComputable: true, loaded: 10, total: 40 });
      xhr.reply(200, { ok: true, data: { upload: 'AbCdEfGhIjKlMnOpQrStUvWx', bytes: 40 } });
    };
    const progress: number[] = [];
    const chosen = file();
    expect(await sendFile(chosen, (f) => progress.push(f))).toEqual({ upload: 'AbCdEfGhIjKlMnOpQrStUvWx' });
    const xhr = FakeXhr.last!;
    expect([xhr.method, xhr.url]).toEqual(['POST', '/api/upload']);
    expect(xhr.headers).toEqual({ Authorization: 'Bearer tok123', 'Content-Type': 'application/octet-stream' });
    expect(xhr.body).toBe(chosen); // the browser streams it from disk: no copy, no base64
    expect(progress).toEqual([0.25, 1]);
  });

  it('turns the bridge’s 413 into an ApiError with its message, and a dropped connection into a clear one', async () => {
    FakeXhr.answer = (xhr) => xhr.reply(413, { ok: false, error: { code: 'too_large', message: '文件超过 256 MB 的导入上限，请按年度或地区拆分后分别导入。', details: { limit: 268435456 } } });
    const refused = await sendFile(file()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: 'too_large', message: expect.stringContaining('256 MB 的导入上限'), details: { limit: 268435456 } });

    FakeXhr.answer = (xhr) => xhr.onerror?.();
    await expect(sendFile(file())).rejects.toMatchObject({ code: 'network', message: '上传 台儿庄区.csv 时连接中断，请重试。' });

    FakeXhr.answer = (xhr) => {
      xhr.status = 401;
      xhr.onload?.();
    };
    await expect(sendFile(file())).rejects.toMatchObject({ code: 'unauthorised' });
  });
});

describe('sendFile on the desktop', () => {
  const desktop = (pathForFile?: (f: File) => string) => {
    window.api = { invoke: vi.fn(), on: vi.fn(), ...(pathForFile ? { pathForFile } : {}) };
  };

  it('names the file by the path the preload gives, and uploads nothing', async () => {
    const chosen = file();
    const pathForFile = vi.fn(() => '/home/analyst/台儿庄区.csv');
    desktop(pathForFile);
    expect(await sendFile(chosen)).toEqual({ path: '/home/analyst/台儿庄区.csv' });
    expect(pathForFile).toHaveBeenCalledWith(chosen);
    expect(FakeXhr.last).toBeNull();
  });

  it('refuses a file without a path on disk', async () => {
    desktop(() => '');
    await expect(sendFile(file())).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('台儿庄区.csv') });
  });
});
