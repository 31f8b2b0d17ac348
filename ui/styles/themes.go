package styles

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/BurntSushi/toml"
)

// Auto is the theme that follows the terminal's background: DefaultTheme's
// light or dark values.
const Auto = "auto"

// pair is one colour for both backgrounds (a theme made for one).
func pair(hex string) [2]color.Color { c := lipgloss.Color(hex); return [2]color.Color{c, c} }

// Builtin returns a built-in theme: auto, dark, light or high-contrast.
func Builtin(name string) (Theme, bool) {
	switch name {
	case Auto:
		return DefaultTheme(), true
	case "dark":
		return Theme{Name: "dark", Background: pair("#1c1c1c"), Foreground: pair("#d0d0d0"),
			Accent: pair("#5fafff"), Muted: pair("#9e9e9e"), Error: pair("#ff5f5f"), Dir: pair("#87afff"),
			Link: pair("#5fd7d7"), Mark: pair("#ffd75f"), Match: pair("#ff87d7"),
			CursorBg: pair("#3a3a8a"), CursorFg: pair("#ffffff"), Border: pair("#585858")}, true
	case "light":
		return Theme{Name: "light", Background: pair("#ffffff"), Foreground: pair("#1c1c1c"),
			Accent: pair("#005fd7"), Muted: pair("#5f5f5f"), Error: pair("#c00000"), Dir: pair("#0000d7"),
			Link: pair("#006b6b"), Mark: pair("#8a4b00"), Match: pair("#b0006a"),
			CursorBg: pair("#005fd7"), CursorFg: pair("#ffffff"), Border: pair("#a8a8a8")}, true
	case "high-contrast":
		return Theme{Name: "high-contrast", Background: pair("#000000"), Foreground: pair("#ffffff"),
			Accent: pair("#00ffff"), Muted: pair("#d0d0d0"), Error: pair("#ff6060"), Dir: pair("#ffff00"),
			Link: pair("#00ff00"), Mark: pair("#ffaf00"), Match: pair("#ff80ff"),
			CursorBg: pair("#ffffff"), CursorFg: pair("#000000"), Border: pair("#ffffff")}, true
	}
	return Theme{}, false
}

// BuiltinNames lists the built-in themes.
func BuiltinNames() []string { return []string{Auto, "dark", "light", "high-contrast"} }

// roles are a theme file's keys and the colours they set.
func (t *Theme) roles() map[string]*[2]color.Color {
	return map[string]*[2]color.Color{"background": &t.Background, "foreground": &t.Foreground,
		"accent": &t.Accent, "muted": &t.Muted, "error": &t.Error, "dir": &t.Dir, "link": &t.Link,
		"mark": &t.Mark, "match": &t.Match, "cursor_bg": &t.CursorBg, "cursor_fg": &t.CursorFg, "border": &t.Border}
}

// ThemeDir is where user themes live: $XDG_CONFIG_HOME/ftpane/themes.
func ThemeDir(configHome string) string { return filepath.Join(configHome, "ftpane", "themes") }

// LoadThemes reads every NAME.toml of dir (a missing folder has none). A
// bad file is an error naming the file, the line and the key.
func LoadThemes(dir string) (map[string]Theme, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.toml"))
	if err != nil {
		return nil, fmt.Errorf("themes: %w", err)
	}
	out := map[string]Theme{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("themes: %w", err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".toml")
		t, err := ParseTheme(name, string(data))
		if err != nil {
			return nil, fmt.Errorf("%s:%w", f, err)
		}
		out[name] = t
	}
	return out, nil
}

// ParseTheme reads a theme file: base names the built-in theme it starts
// from (dark by default), each other key a colour role as "#rrggbb",
// "#rgb" or an ANSI colour number 0-255.
func ParseTheme(name, text string) (Theme, error) {
	var raw map[string]any
	if _, err := toml.Decode(text, &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return Theme{}, fmt.Errorf("%d: %s", pe.Position.Line, pe.Message)
		}
		return Theme{}, fmt.Errorf(" %w", err)
	}
	base := "dark"
	if b, ok := raw["base"].(string); ok {
		base = b
	}
	t, ok := Builtin(base)
	if !ok || base == Auto {
		return Theme{}, fmt.Errorf("%d: base: %q is not dark, light or high-contrast", line(text, "base"), base)
	}
	t.Name = name
	roles := t.roles()
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "base" {
			continue
		}
		dst, ok := roles[k]
		if !ok {
			return Theme{}, fmt.Errorf("%d: unknown colour role %q (known: %s)", line(text, k), k, roleNames(roles))
		}
		c, err := parseColour(raw[k])
		if err != nil {
			return Theme{}, fmt.Errorf("%d: %s: %v", line(text, k), k, err)
		}
		*dst = [2]color.Color{c, c}
	}
	return t, nil
}

func roleNames(m map[string]*[2]color.Color) string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

var hexColour = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

func parseColour(v any) (color.Color, error) {
	switch v := v.(type) {
	case string:
		if hexColour.MatchString(v) {
			return lipgloss.Color(v), nil
		}
		if n, err := strconv.Atoi(v); err == nil && n >= 0 && n <= 255 {
			return lipgloss.Color(v), nil
		}
		return nil, fmt.Errorf("%q is not a colour (#rrggbb, #rgb or 0-255)", v)
	case int64:
		if v >= 0 && v <= 255 {
			return lipgloss.Color(strconv.FormatInt(v, 10)), nil
		}
		return nil, fmt.Errorf("%d is not an ANSI colour (0-255)", v)
	}
	return nil, fmt.Errorf("want a colour such as \"#5fafff\", not %v", v)
}

// line is the line where key is set, 0 when not found.
func line(text, key string) int {
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	for i, l := range strings.Split(text, "\n") {
		if re.MatchString(l) {
			return i + 1
		}
	}
	return 0
}

// Contrast is the WCAG 2 contrast ratio of two colours, 1 to 21.
func Contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is WCAG 2's relative luminance of an sRGB colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// TextContrasts lists each text role's contrast against the theme's
// background (the cursor's text against the cursor), for one variant
// (0 light, 1 dark).
func (t Theme) TextContrasts(variant int) map[string]float64 {
	bg := t.Background[variant]
	out := map[string]float64{}
	for name, c := range map[string][2]color.Color{"foreground": t.Foreground, "accent": t.Accent,
		"muted": t.Muted, "error": t.Error, "dir": t.Dir, "link": t.Link, "mark": t.Mark, "match": t.Match} {
		out[name] = Contrast(c[variant], bg)
	}
	out["cursor_fg"] = Contrast(t.CursorFg[variant], t.CursorBg[variant])
	return out
}
