// What the build defines on import.meta.env for the main process (electron-vite, as Vite does):
// DEV is true under `electron-vite dev` only, and is replaced by a constant in a build.
interface ImportMetaEnv {
  readonly DEV: boolean;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
