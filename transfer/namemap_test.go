package transfer

import "testing"

func TestNmap(t *testing.T) {
	tests := []struct{ name, in, out, want string }{
		// The seed's example. Classic ftp (tnftp, checked by the tnftp
		// comparison) picks the first alternative that is not empty.
		{"a1.a2.a3", "$1.$2.$3", "[$1,$2].[$2,$3]", "a1.a2"},
		// The BSD manual's examples.
		{"myfile.data", "$1.$2.$3", "[$1,$2].[$2,file]", "myfile.data"},
		{"myfile.data.old", "$1.$2.$3", "[$1,$2].[$2,file]", "myfile.data"},
		{"myfile", "$1.$2.$3", "[$1,$2].[$2,file]", "myfile.file"},
		{"myfile.myfile", "$1.$2.$3", "[$1,$2].[$2,file]", "myfile.myfile"},
		{"READ.ME", "$1.$2", "$2_$1", "ME_READ"},
		{"x.y", "$1.$2", "$0.bak", "x.y.bak"},
		{"x.y", "$1.$2", `\$1`, "$1"},
		{"x", "$1", "", "x"},
	}
	for _, tt := range tests {
		if got := Nmap(tt.name, tt.in, tt.out); got != tt.want {
			t.Errorf("Nmap(%q, %q, %q) = %q, want %q", tt.name, tt.in, tt.out, got, tt.want)
		}
	}
}

func TestNtrans(t *testing.T) {
	tests := []struct{ name, in, out, want string }{
		{"LL1", "1", "R", "LLR"},
		{"L1L1", "1", "R", "LRLR"},
		{"a-b_c", "-_", "+", "a+bc"},
		{"日本.txt", "日", "x", "x本.txt"},
	}
	for _, tt := range tests {
		if got := Ntrans(tt.name, tt.in, tt.out); got != tt.want {
			t.Errorf("Ntrans(%q, %q, %q) = %q, want %q", tt.name, tt.in, tt.out, got, tt.want)
		}
	}
}

func FuzzNmap(f *testing.F) {
	f.Add("a1.a2.a3", "$1.$2.$3", "[$1,$2].[$2,$3]")
	f.Add("x", `$1\`, `[\,`)
	f.Add("a.b", "$1.$9", "$9[[$1,],x]$0")
	f.Fuzz(func(t *testing.T, name, in, out string) {
		_ = Nmap(name, in, out)
		_ = Ntrans(name, in, out)
	})
}
