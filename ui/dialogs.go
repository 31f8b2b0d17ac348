package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/ui/dialog"
)

// A dialog carries its own continuation: whoever opens it says there what
// its answer does, with the values it acts on captured in the closure, so
// that no list of purposes is switched on in two places.

// answer is what the open dialog's answer does.
type answer struct {
	// ok runs on enter with the fields' values; cancel (nil: nothing) on
	// esc. They are given the model, never keep it.
	ok     func(m *Model, vals []string) tea.Cmd
	cancel func(m *Model) tea.Cmd
	// stay keeps the dialog open after ok, which shows errors and
	// progress in it and closes it itself (the connect dialog, the site
	// form).
	stay bool
	// quit marks the quit question: ctrl+c there answers yes.
	quit bool
}

// ask opens a dialog; with no fields it is a yes/no question. It returns
// the dialog's ID (the form's tag), by which results meant for this
// dialog know it is still the one open.
func (m *Model) ask(title string, lines []string, fields []dialog.Field, onOK func(m *Model, vals []string) tea.Cmd,
	onCancel func(m *Model) tea.Cmd) int {
	m.dialogs++
	f := dialog.New(m.dialogs, title, lines, fields, m.keys, m.styles)
	f.SetWidth(m.width)
	m.form = &f
	m.answer = answer{ok: onOK, cancel: onCancel}
	return m.dialogs
}

// tell opens a dialog that only informs: enter or esc closes it.
func (m *Model) tell(title string, lines []string) { m.ask(title, lines, nil, nil, nil) }

// stayOpen makes the dialog just opened stay open after enter (answer.stay).
func (m *Model) stayOpen() { m.answer.stay = true }

// dialogID is the open dialog's ID; 0 when none is open.
func (m *Model) dialogID() int {
	if m.form == nil {
		return 0
	}
	return m.form.Purpose
}

func (m *Model) closeDialog() { m.form, m.answer = nil, answer{} }

// handleFormKey hands a key to the open dialog and, once it is answered,
// runs its continuation. The dialog closes first on esc, after ok
// otherwise, unless ok opened another one, reopened it with an error
// (SetError), or the dialog stays.
func (m Model) handleFormKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	f, cmd := m.form.Update(msg)
	m.form = &f
	done, ok := f.Done()
	if !done {
		return m, cmd
	}
	a, id := m.answer, f.Purpose
	if !ok {
		m.closeDialog()
		if a.cancel == nil {
			return m, nil
		}
		return m, a.cancel(&m)
	}
	var next tea.Cmd
	if a.ok != nil {
		next = a.ok(&m, f.Values())
	}
	if !a.stay && m.dialogID() == id && m.formDone() {
		m.closeDialog()
	}
	return m, next
}

// formDone: the open form is still answered (a continuation that found
// the answer wrong reopened it with SetError).
func (m *Model) formDone() bool {
	done, _ := m.form.Done()
	return done
}
