/**
 * The buttons at the foot of a modal form: Cancel, which closes the dialog,
 * and the form's submit button, named for what it does ("Import", "Export…").
 */
export function dialogButtons(dialog: HTMLDialogElement, submitLabel: string): HTMLDivElement {
  const buttons = document.createElement('div');
  buttons.className = 'export-buttons';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'button';
  cancel.textContent = 'Cancel';
  cancel.addEventListener('click', () => dialog.close());
  const submit = document.createElement('button');
  submit.type = 'submit';
  submit.className = 'button';
  submit.textContent = submitLabel;
  buttons.append(cancel, submit);
  return buttons;
}
