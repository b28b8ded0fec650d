/**
 * The Import… button with its hidden file input, and importing files dropped
 * anywhere on the window (with a visible drop overlay). Returns the function
 * that opens the file picker, and the disposer.
 */
export function mountImport(
  button: HTMLElement,
  input: HTMLInputElement,
  overlay: HTMLElement,
  importFile: (file: File) => Promise<void>,
): { pickFile(): void; dispose(): void } {
  const importAll = async (files: Iterable<File>) => {
    for (const file of files) await importFile(file);
  };
  const pickFile = () => input.click();
  const onChange = () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    void importAll(files);
  };
  button.addEventListener('click', pickFile);
  input.addEventListener('change', onChange);

  let depth = 0;
  const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
  const onDragEnter = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth++;
    overlay.classList.add('is-visible');
  };
  const onDragOver = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };
  const onDragLeave = () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.classList.remove('is-visible');
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    depth = 0;
    overlay.classList.remove('is-visible');
    const files = [...(event.dataTransfer?.files ?? [])];
    void importAll(files);
  };
  window.addEventListener('dragenter', onDragEnter);
  window.addEventListener('dragover', onDragOver);
  window.addEventListener('dragleave', onDragLeave);
  window.addEventListener('drop', onDrop);
  return {
    pickFile,
    dispose() {
      button.removeEventListener('click', pickFile);
      input.removeEventListener('change', onChange);
      window.removeEventListener('dragenter', onDragEnter);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    },
  };
}
