import type { HtmlTagDescriptor, Plugin, Rolldown } from 'vite';

/**
 * Names, in index.html, the files of a lazily loaded chunk that the first screen needs
 * anyway (`modulepreload` for its scripts, `preload` for its stylesheets), so the browser
 * fetches them alongside the entry instead of one round trip after the entry has run.
 * The chunk stays lazy: it is still evaluated only when imported, and the screens that do
 * not need it stay free of its code. Stylesheets are only preloaded, not applied: the import
 * applies them, in the order it always has.
 */
export function preloadLazyChunk(entryModule: RegExp): Plugin {
  let base = '/';
  return {
    name: 'roadmap-preload-lazy-chunk',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk: entry }) {
        if (!bundle || !entry) return;
        const chunks = Object.values(bundle).filter((c): c is Rolldown.OutputChunk => c.type === 'chunk');
        const lazy = chunks.find((c) => c.facadeModuleId && entryModule.test(c.facadeModuleId));
        if (!lazy) throw new Error(`preloadLazyChunk: no chunk for ${entryModule}`);
        // The entry's own imports are preloaded by Vite already.
        const known = new Set([entry.fileName, ...entry.imports]);
        const scripts: string[] = [];
        const styles = new Set<string>();
        const visit = (file: string) => {
          if (known.has(file)) return;
          known.add(file);
          const c = bundle[file];
          if (c?.type !== 'chunk') return;
          scripts.push(file);
          for (const css of c.viteMetadata?.importedCss ?? []) styles.add(css);
          for (const dep of c.imports) visit(dep);
        };
        visit(lazy.fileName);
        const link = (attrs: Record<string, string | boolean>): HtmlTagDescriptor => ({
          tag: 'link',
          attrs,
          injectTo: 'head',
        });
        // `crossorigin` as Vite's loader requests them, so the preloaded copy is the one it uses.
        return [
          ...scripts.map((file) => link({ rel: 'modulepreload', crossorigin: true, href: `${base}${file}` })),
          ...[...styles].map((file) =>
            link({ rel: 'preload', as: 'style', crossorigin: true, href: `${base}${file}` }),
          ),
        ];
      },
    },
  };
}
