// Packaging the desktop app (npm run dist): Windows NSIS x64; Linux deb and AppImage for x64 and arm64 (the
// 信创 laptops run UOS and Kylin). It downloads Electron and better-sqlite3's Electron build, so it runs on a
// machine with network access; the README's desktop section says what it needs.
//
// better-sqlite3: node_modules keeps its Node build for the CLI and the tests (npmRebuild off, so packaging
// never rebuilds it in place). beforePack builds the Electron-ABI binding for the platform and architecture
// being packed into build/electron-native/<platform>-<arch>/, and extraResources puts it at
// resources/native/, where db/nativeBinding.ts opens it.
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const ELECTRON_VERSION = require('electron/package.json').version;

/** The binding for one target, beside the app and outside the asar (a .node file cannot load from inside it). */
const nativeBinding = (platform) => [{ from: `build/electron-native/${platform}-\${arch}`, to: 'native', filter: ['better_sqlite3.node'] }];

/** electron-builder's hook, once per platform and architecture, before that target's files are copied. */
async function beforePack(context) {
  const { Arch } = require('electron-builder');
  const { buildElectronBinding } = await import(pathToFileURL(path.join(__dirname, 'scripts', 'electronNative.mjs')).href);
  await buildElectronBinding({ platform: context.electronPlatformName, arch: Arch[context.arch], version: ELECTRON_VERSION });
}

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'cn.championpool.desktop',
  productName: 'Champion Pool',
  electronVersion: ELECTRON_VERSION,
  directories: { output: 'dist', buildResources: 'build' },
  // The built app only: main, the sandboxed preload and the UI (browser mode's CLI bundle stays out).
  files: ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json', '!**/*.map', '!node_modules/better-sqlite3/{build,deps,src}/**'],
  asar: true,
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  beforePack,
  // Electron Fuses, flipped in the packaged binary: it cannot run as plain Node, ignores NODE_OPTIONS and
  // --inspect, loads the app only from the (integrity-checked) asar, and encrypts its cookie store.
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    extraResources: nativeBinding('win32'),
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    installerLanguages: ['zh_CN'],
    language: '2052',
    shortcutName: '单项冠军培育库',
    artifactName: '${productName}-${version}-setup-${arch}.${ext}',
  },
  linux: {
    target: [
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ],
    executableName: 'champion-pool',
    category: 'Office',
    maintainer: 'Champion Pool <champion-pool@localhost>',
    synopsis: '单项冠军培育库',
    desktop: { entry: { Name: '单项冠军培育库', 'Name[zh_CN]': '单项冠军培育库', Comment: '制造业单项冠军培育库' } },
    extraResources: nativeBinding('linux'),
    artifactName: '${productName}-${version}-${arch}.${ext}',
  },
  publish: null,
};
