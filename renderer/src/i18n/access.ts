// The page a browser without the token or its session cookie sees (browser mode only).
export const accessZh = {
  title: '请用启动时打印的完整地址打开',
  why: '为保护数据，浏览器模式只接受带访问口令的地址。这个页面是直接打开的（书签、新标签页或重新打开的标签页），而这个浏览器还没有打开过本次启动打印的完整地址；也可能服务已经重新启动，原来的口令随之失效。',
  howTitle: '如何重新进入',
  step1: '在运行 npm start 的终端窗口中，找到“浏览器模式已启动，请在浏览器中打开：”下面的地址，完整复制（包括 #token= 及其后的全部字符）到地址栏打开：',
  step2: '找不到那个窗口或已关闭：在项目目录重新运行',
  step2b: '，它会再打印一次地址（服务重新启动后，只有新地址有效）。',
  after: '打开过一次完整地址后，同一浏览器里的书签和新标签页都可直接使用，直到服务停止。',
};

export const accessEn: typeof accessZh = {
  title: 'Open the full address printed at start',
  why: 'To protect the data, browser mode only accepts the address that carries its access token. This page was opened directly (a bookmark, a new or reopened tab) and this browser has not opened the full address of the current run yet, or the server was started again and the old token no longer works.',
  howTitle: 'How to get back in',
  step1: 'In the terminal running npm start, find the address under “浏览器模式已启动，请在浏览器中打开：” and open it whole (including #token= and everything after it):',
  step2: 'If that window is gone, run',
  step2b: ' again in the project folder: it prints the address once more (after a restart only the new address works).',
  after: 'Once the full address has been opened, bookmarks and new tabs in the same browser work directly until the server stops.',
};
