// Package dialog holds ftpane's modal dialogs: one Form type for
// confirmations (no fields), single-line prompts and the connect dialog.
// The root asks a form whether it is done after each Update.
package dialog

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/ui/styles"
	"github.com/ftpane/ftpane/ui/textsafe"
)

// Field is one line of a form: free text, masked text, or a choice among
// Options (cycled with left/right or space).
type Field struct {
	Label   string
	Value   string
	Masked  bool
	Options []string
}

// Form is a modal dialog. Purpose is the caller's tag for what to do with
// the answer; the form itself does no I/O.
type Form struct {
	Purpose int
	title   string
	lines   []string
	fields  []Field
	inputs  []textinput.Model
	focus   int
	err     string
	busy    string
	done    bool
	ok      bool
	keys    keymap.KeyMap
	styles  styles.Styles
	width   int
}

// New makes a form; with no fields it is a yes/no confirmation.
func New(purpose int, title string, lines []string, fields []Field, keys keymap.KeyMap, st styles.Styles) Form {
	f := Form{Purpose: purpose, title: title, lines: lines, fields: fields, keys: keys, styles: st, width: 50}
	for _, fd := range fields {
		in := textinput.New()
		in.Prompt = ""
		st := in.Styles()
		st.Cursor.Blink = false // a steady cursor: no timer messages
		in.SetStyles(st)
		in.SetValue(fd.Value)
		if fd.Masked {
			in.EchoMode = textinput.EchoPassword
			in.EchoCharacter = '•'
		}
		f.inputs = append(f.inputs, in)
	}
	f.Focus(0)
	return f
}

// Focus moves the input focus to field i.
func (f *Form) Focus(i int) {
	if len(f.inputs) == 0 {
		return
	}
	f.focus = (i + len(f.inputs)) % len(f.inputs)
	for j := range f.inputs {
		f.inputs[j].Blur()
	}
	f.inputs[f.focus].Focus()
	f.inputs[f.focus].CursorEnd()
}

// SetWidth sets the box's inner width from the screen's.
func (f *Form) SetWidth(screen int) {
	f.width = max(20, min(70, screen-8))
	for i := range f.inputs {
		f.inputs[i].SetWidth(f.width - 16)
	}
}

// SetError shows an error inside the dialog (a wrong password, an
// unreachable host) and reopens it for correction.
func (f *Form) SetError(err string) { f.err, f.busy, f.done, f.ok = err, "", false, false }

// SetBusy shows progress (connecting...) while the form stays open.
func (f *Form) SetBusy(s string) { f.busy = s }

// Done reports whether the user answered, and whether with OK.
func (f Form) Done() (done, ok bool) { return f.done, f.ok }

// Values are the fields' current values in order.
func (f Form) Values() []string {
	out := make([]string, len(f.inputs))
	for i := range f.inputs {
		out[i] = f.value(i)
	}
	return out
}

func (f Form) value(i int) string {
	if len(f.fields[i].Options) > 0 {
		return f.fields[i].Value
	}
	return f.inputs[i].Value()
}

// Update handles a key while the form is open.
func (f Form) Update(msg tea.Msg) (Form, tea.Cmd) {
	if p, ok := msg.(tea.PasteMsg); ok {
		return f.paste(p)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return f, nil
	}
	switch {
	case key.Matches(k, f.keys.Cancel), len(f.inputs) == 0 && k.String() == "n":
		f.done, f.ok = true, false
		return f, nil
	case key.Matches(k, f.keys.Confirm), len(f.inputs) == 0 && k.String() == "y":
		f.done, f.ok = true, true
		return f, nil
	case len(f.inputs) > 1 && key.Matches(k, f.keys.NextField):
		f.Focus(f.focus + 1)
		return f, nil
	case len(f.inputs) > 1 && key.Matches(k, f.keys.PrevField):
		f.Focus(f.focus - 1)
		return f, nil
	}
	if len(f.inputs) == 0 {
		return f, nil
	}
	if fd := &f.fields[f.focus]; len(fd.Options) > 0 {
		f.cycle(fd, k.String())
		return f, nil
	}
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	return f, cmd
}

func (f *Form) cycle(fd *Field, k string) {
	step := 0
	switch k {
	case "right", "space", "l":
		step = 1
	case "left", "h":
		step = -1
	}
	for i, o := range fd.Options {
		if o == fd.Value {
			fd.Value = fd.Options[(i+step+len(fd.Options))%len(fd.Options)]
			return
		}
	}
	fd.Value = fd.Options[0]
}

// View draws the box. Its texts may quote a server (an error reply, a
// name): each passes the sanitiser here, at the edge.
func (f Form) View() string {
	s := f.styles.Dialog
	var b strings.Builder
	b.WriteString(s.Title.Render(textsafe.String(f.title)))
	for _, l := range f.lines {
		b.WriteString("\n" + ansi.Truncate(textsafe.String(l), f.width, "…"))
	}
	for i, fd := range f.fields {
		b.WriteString("\n" + s.Label.Render(padTo(fd.Label, 12)) + " " + f.fieldView(i))
	}
	if f.err != "" {
		b.WriteString("\n" + s.Error.Render(wrap(textsafe.String(f.err), f.width)))
	}
	if f.busy != "" {
		b.WriteString("\n" + s.Label.Render(textsafe.String(f.busy)))
	}
	b.WriteString("\n" + s.Label.Render(f.hint()))
	return s.Box.Width(f.width + 4).Render(b.String())
}

func (f Form) fieldView(i int) string {
	fd := f.fields[i]
	if len(fd.Options) == 0 {
		return f.inputs[i].View()
	}
	v := "‹ " + textsafe.String(fd.Value) + " ›"
	if i == f.focus {
		return f.styles.Dialog.Button.Render(v)
	}
	return v
}

func (f Form) hint() string {
	if len(f.inputs) == 0 {
		return "enter/y: yes · esc/n: no"
	}
	if len(f.inputs) > 1 {
		return "tab: next field · enter: ok · esc: cancel"
	}
	return "enter: ok · esc: cancel"
}

func padTo(s string, w int) string { return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s))) }

func wrap(s string, w int) string {
	return ansi.Wrap(s, w, " ")
}

// paste puts pasted text into the text field that has the focus (the
// input drops control characters and turns line ends into spaces); a
// dialog without one, or a field of choices, ignores it, so pasting a
// "y" never answers a question.
func (f Form) paste(p tea.PasteMsg) (Form, tea.Cmd) {
	if len(f.inputs) == 0 || len(f.fields[f.focus].Options) > 0 {
		return f, nil
	}
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(p)
	return f, cmd
}
