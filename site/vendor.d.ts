/** The part of Eleventy's programmatic API this site uses (the package ships no type declarations). */
declare module '@11ty/eleventy' {
  export interface UserConfig {
    addExtension(extensions: string[], options: { key: string }): void;
    setTemplateFormats(formats: string[]): void;
    addGlobalData(name: string, value: unknown): void;
    addFilter(name: string, filter: (...args: never[]) => unknown): void;
  }

  export interface EleventyOptions {
    quietMode?: boolean;
    configPath?: string;
    config?: (config: UserConfig) => void | Promise<void>;
  }

  export interface TemplateResult {
    inputPath: string;
    url: string | false;
    outputPath: string | false;
    content: string;
  }

  export default class Eleventy {
    constructor(input: string, output: string, options?: EleventyOptions);
    disableLogger(): void;
    write(): Promise<[unknown[], TemplateResult[]]>;
  }
}

declare module '@11ty/eleventy-dev-server' {
  export interface DevServerOptions {
    port?: number;
    liveReload?: boolean;
    domDiff?: boolean;
    showVersion?: boolean;
    messageOnStart?: (info: { hosts: string[]; startupTime: number }) => string | undefined;
  }

  export default class EleventyDevServer {
    static getServer(name: string, dir: string, options?: DevServerOptions): EleventyDevServer;
    serve(port: number): void;
    ready(): Promise<void>;
    getServerUrl(host: string): string;
    reload(event?: { files?: string[]; build?: unknown }): void;
    close(): Promise<void>;
  }
}
