import type { CsvImportRequest, CsvImportResult } from '../../../shared/csv';

export interface UploadProgress {
  loaded: number;
  total: number;
  /** The whole body is sent; the server is now checking or applying it. */
  sent: boolean;
}

export interface ImportResponse {
  status: number;
  /** The import result (also on 400/409), or `{ error }` when the request itself was refused. */
  body: CsvImportResult | { error?: string | { message?: string } } | null;
}

/**
 * Sends the file to the import endpoint. XMLHttpRequest rather than fetch: only it reports
 * upload progress, which a planner needs to see for a file of several megabytes.
 */
export function postCsvImport(
  request: CsvImportRequest,
  dryRun: boolean,
  onProgress: (progress: UploadProgress) => void,
): Promise<ImportResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/import/milestones.csv?dryRun=${dryRun ? '1' : '0'}`);
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) =>
      onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0, sent: false });
    xhr.upload.onload = () => onProgress({ loaded: 1, total: 1, sent: true });
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response as ImportResponse['body'] });
    xhr.onerror = () => reject(new Error('upload failed'));
    xhr.send(JSON.stringify(request));
  });
}

export function isImportResult(body: ImportResponse['body']): body is CsvImportResult {
  return Boolean(body && typeof body === 'object' && 'rows' in body && 'errors' in body);
}
