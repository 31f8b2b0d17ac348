package styles

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

// TestBuiltinThemesMeetWCAGAA computes every text role's contrast on the
// background each built-in theme is made for: at least 4.5:1.
func TestBuiltinThemesMeetWCAGAA(t *testing.T) {
	for _, name := range BuiltinNames() {
		th, ok := Builtin(name)
		if !ok {
			t.Fatalf("no built-in %s", name)
		}
		for v := range 2 {
			for role, c := range th.TextContrasts(v) {
				if c < 4.5 {
					t.Errorf("%s (variant %d): %s has contrast %.2f:1, below 4.5:1", name, v, role, c)
				}
			}
		}
	}
}

func TestContrastKnownValues(t *testing.T) {
	black, white := lipgloss.Color("#000000"), lipgloss.Color("#ffffff")
	if c := Contrast(black, white); c < 20.99 || c > 21.01 {
		t.Fatalf("black on white %.3f", c)
	}
	if c := Contrast(lipgloss.Color("#777777"), white); c < 4.47 || c > 4.49 { // the classic just-too-light grey
		t.Fatalf("#777 on white %.3f", c)
	}
}

func TestUserThemes(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "solar.toml"), []byte("base = \"light\"\naccent = \"#268bd2\"\ndir = 33\n"), 0o644)
	themes, err := LoadThemes(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := themes["solar"]
	light, _ := Builtin("light")
	if s.Name != "solar" || s.Accent[1] != lipgloss.Color("#268bd2") || s.Dir[0] != lipgloss.Color("33") || s.Error != light.Error {
		t.Fatalf("theme %+v", s)
	}
	for text, want := range map[string]string{
		"accent = \"#268bd2\"\ncolour = \"#fff\"\n": `2: unknown colour role "colour"`,
		"\n\nmuted = \"grey\"\n":                    `3: muted: "grey" is not a colour`,
		"base = \"auto\"\n":                         `1: base: "auto" is not dark, light or high-contrast`,
		"dir = 300\n":                               `1: dir: 300 is not an ANSI colour`,
		"dir = \n":                                  `1: `,
	} {
		if _, err := ParseTheme("x", text); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseTheme(%q) = %v, want %s", text, err, want)
		}
	}
	os.WriteFile(filepath.Join(dir, "bad.toml"), []byte("link = \"nope\"\n"), 0o644)
	if _, err := LoadThemes(dir); err == nil || !strings.Contains(err.Error(), "bad.toml:1: link:") {
		t.Fatalf("bad file: %v", err)
	}
	if m, err := LoadThemes(filepath.Join(dir, "none")); err != nil || len(m) != 0 {
		t.Fatal("a missing folder is no themes")
	}
}
