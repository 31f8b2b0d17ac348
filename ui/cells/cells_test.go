package cells

import "testing"

func TestFitAndPad(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{Fit("abc", 5), "abc  "},
		{Fit("abcdef", 4), "abc…"},
		{Fit("新しい", 4), "新… "}, // a wide character does not split
		{Fit("abc", 0), ""},
		{PadRight("ab", 4), "ab  "},
		{PadLeft("ab", 4), "  ab"},
		{PadLeft("abcdef", 4), "abcdef"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
