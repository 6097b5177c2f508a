/** Vite turns `?raw` imports into the file's text (the reference data in `data/`). */
declare module "*?raw" {
  const text: string;
  export default text;
}
