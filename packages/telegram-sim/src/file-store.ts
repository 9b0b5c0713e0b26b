/**
 * The files of the virtual world: documents users send and the bot uploads, with their bytes,
 * the file_ids that name them and the file_paths getFile hands out for downloading.
 *
 * Every file's bytes stay in memory for the simulator's lifetime: it is a test double, so the
 * memory it holds is what the tests send (a copy of each upload, shared by every re-send).
 */
import type { DocumentDetail, FileKind, SimDocument, SimFile } from './world-types.js';

/** What a new file is made of. */
export interface NewFile {
  bytes: Buffer;
  fileName?: string | undefined;
  mimeType?: string | undefined;
  /** [document] */
  kind?: FileKind | undefined;
}

/** A stored file as a test reads it back (World.file). */
export interface FileView {
  fileId: string;
  fileUniqueId: string;
  fileName?: string;
  mimeType?: string;
  size: number;
  /** The stored bytes themselves (not a copy). */
  bytes: Buffer;
  /** Set once the bot called getFile for it. */
  filePath?: string;
}

/** Counters of the store, for stats. */
export interface FileStoreStats {
  /** Files stored (uploads and users' documents; re-sends by file_id add none). */
  files: number;
  /** Their bytes together. */
  bytes: number;
  /** Downloads served by the file route. */
  downloads: number;
}

/**
 * MIME types by extension, for the document kinds a quiz bot meets. Telegram decides a
 * document's mime_type from its file name (an upload's own Content-Type is ignored: grammY always
 * sends application/octet-stream); any other extension is application/octet-stream here.
 */
const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  txt: 'text/plain',
  md: 'text/markdown',
  json: 'application/json',
  xml: 'application/xml',
  pdf: 'application/pdf',
  zip: 'application/zip',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** How Telegram's file_ids of each kind begin (the first bytes encode the type), so ids look the part. */
const FILE_ID_PREFIX: Readonly<Record<FileKind, string>> = {
  document: 'BQACAgIAAxkBAA',
  photo: 'AgACAgIAAxkBAA',
  video: 'BAACAgIAAxkBAA',
  animation: 'CgACAgIAAxkBAA',
  audio: 'CQACAgIAAxkBAA',
};

/** The folder of Telegram's file_path for each kind. */
const FILE_FOLDER: Readonly<Record<FileKind, string>> = {
  document: 'documents',
  photo: 'photos',
  video: 'videos',
  animation: 'animations',
  audio: 'music',
};

/** The MIME type Telegram gives a document named `fileName`. */
export function mimeTypeOf(fileName: string | undefined): string {
  return MIME_BY_EXTENSION[extensionOf(fileName) ?? ''] ?? 'application/octet-stream';
}

/** Files by file_id and by file_path. */
export class FileStore {
  readonly #byFileId = new Map<string, SimFile>();
  readonly #byPath = new Map<string, SimFile>();
  #nextFile = 1;
  #nextFileId = 1;
  #bytes = 0;
  #downloads = 0;

  /** Stores a new file (a copy of `input.bytes`, so later changes to the caller's buffer do not leak in). */
  add(input: NewFile): SimFile {
    const seq = this.#nextFile++;
    const file: SimFile = {
      // Telegram's ids are opaque base64url strings; these look alike and say what they are.
      uniqueId: `AgAD${base64url(`sim-file-${seq}`)}`,
      seq,
      bytes: Buffer.from(input.bytes),
      ...(input.fileName !== undefined ? { fileName: input.fileName } : {}),
      ...(input.mimeType !== undefined ? { mimeType: input.mimeType } : {}),
      ...(input.kind !== undefined && input.kind !== 'document' ? { kind: input.kind } : {}),
    };
    this.#bytes += file.bytes.length;
    return file;
  }

  /** A new file_id for `file` (every message carrying it gets its own); it resolves with {@link FileStore.byFileId}. */
  issueFileId(file: SimFile): string {
    const kind = file.kind ?? 'document';
    const id = `${FILE_ID_PREFIX[kind]}${base64url(`sim-${kind}-${file.seq}-${this.#nextFileId++}`)}`;
    this.#byFileId.set(id, file);
    return id;
  }

  byFileId(fileId: string): SimFile | undefined {
    return this.#byFileId.get(fileId);
  }

  /** The file a file_id names, with its bytes and what Telegram tells about it. */
  view(fileId: string): FileView | undefined {
    const file = this.#byFileId.get(fileId);
    if (!file) return undefined;
    return {
      fileId,
      fileUniqueId: file.uniqueId,
      ...(file.fileName !== undefined ? { fileName: file.fileName } : {}),
      ...(file.mimeType !== undefined ? { mimeType: file.mimeType } : {}),
      size: file.bytes.length,
      bytes: file.bytes,
      ...(file.filePath !== undefined ? { filePath: file.filePath } : {}),
    };
  }

  /**
   * The file's download path, made on first use as Telegram makes them (`documents/file_<n>.<ext>`,
   * the extension of the file name when it has a plain one) and kept from then on.
   */
  pathOf(file: SimFile): string {
    if (file.filePath === undefined) {
      // Photos are re-encoded to JPEG by Telegram and kept under photos/; other kinds in their own folder.
      const kind = file.kind ?? 'document';
      const extension = kind === 'photo' ? 'jpg' : extensionOf(file.fileName);
      file.filePath = `${FILE_FOLDER[kind]}/file_${file.seq - 1}${extension !== undefined ? `.${extension}` : ''}`;
      this.#byPath.set(file.filePath, file);
    }
    return file.filePath;
  }

  /** The file a getFile answer pointed at, for the download route. */
  byPath(filePath: string): SimFile | undefined {
    return this.#byPath.get(filePath);
  }

  /** Counts a download served. */
  countDownload(): void {
    this.#downloads++;
  }

  stats(): FileStoreStats {
    return { files: this.#nextFile - 1, bytes: this.#bytes, downloads: this.#downloads };
  }
}

/** What a transcript keeps of a document: enough to find the file again. */
export function documentDetail(document: SimDocument): DocumentDetail {
  const { file } = document;
  return {
    fileId: document.fileId,
    fileUniqueId: file.uniqueId,
    ...(file.fileName !== undefined ? { fileName: file.fileName } : {}),
    ...(file.mimeType !== undefined ? { mimeType: file.mimeType } : {}),
    fileSize: file.bytes.length,
  };
}

/** The lower-cased extension of a file name when it is a plain one (1-10 letters or digits). */
function extensionOf(fileName: string | undefined): string | undefined {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName ?? '');
  return match ? (match[1] as string).toLowerCase() : undefined;
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
