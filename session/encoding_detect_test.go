package session

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Folders as found on servers in each language: the names are what
// people call their files; the test encodes them with the real charset
// and the guess must name it, for the whole folder and for most names
// alone.
var charsetSamples = []struct {
	charset string
	enc     encoding.Encoding
	names   []string
}{
	{"gbk", simplifiedchinese.GBK, []string{"目录", "文档", "说明.txt", "会议记录 2024.docx", "项目计划书.pdf",
		"财务报表-第三季度.xlsx", "照片", "下载", "备份_旧版", "新建文件夹", "客户资料", "软件安装包"}},
	{"big5", traditionalchinese.Big5, []string{"目錄", "文件", "說明.txt", "會議記錄 2024.docx", "專案計劃書.pdf",
		"財務報表-第三季.xlsx", "照片", "下載", "備份_舊版", "新增資料夾", "客戶資料", "軟體安裝"}},
	{"shift_jis", japanese.ShiftJIS, []string{"ドキュメント", "写真", "議事録.txt", "見積書_2024.xlsx", "デスクトップ",
		"ダウンロード", "新しいフォルダー", "報告書の下書き.docx", "音楽", "バックアップ"}},
	{"euc-kr", korean.EUCKR, []string{"문서", "사진", "회의록.txt", "견적서_2024.xlsx", "바탕 화면", "다운로드",
		"새 폴더", "보고서 초안.docx", "음악", "백업"}},
	{"windows-1251", charmap.Windows1251, []string{"Документы", "Фотографии", "отчёт за 2024.docx", "Рабочий стол",
		"Загрузки", "Новая папка", "договор поставки.pdf", "Музыка", "резервная копия"}},
	{"latin1", charmap.Windows1252, []string{"Café", "Résumé.pdf", "Übersicht.xlsx", "Größe.txt", "Année 2024",
		"Photos été", "Bücher", "mañana.doc", "Präsentation.pptx"}},
}

func encodeAll(t *testing.T, enc encoding.Encoding, names []string) []string {
	t.Helper()
	out := make([]string, len(names))
	for i, n := range names {
		b, err := enc.NewEncoder().String(n)
		if err != nil {
			t.Fatalf("%q: %v", n, err)
		}
		out[i] = b
	}
	return out
}

func TestGuessCharset(t *testing.T) {
	for _, s := range charsetSamples {
		raw := encodeAll(t, s.enc, s.names)
		if g := GuessCharset(raw); g.Charset != s.charset || g.Sample != s.names[0] {
			t.Errorf("%s folder: guessed %+v", s.charset, g)
		}
		right := 0
		var wrong []string
		for i, n := range raw {
			if g := GuessCharset([]string{n}); g.Charset == s.charset {
				right++
			} else {
				wrong = append(wrong, s.names[i]+" as "+g.Charset)
			}
		}
		if right*10 < len(raw)*8 {
			t.Errorf("%s: only %d of %d names alone guessed right; wrong: %s", s.charset, right, len(raw),
				strings.Join(wrong, ", "))
		}
	}
}

// TestGuessCharsetIssueExample: the folder of the report, GBK "目录",
// which showed as "Ä¿Â¼".
func TestGuessCharsetIssueExample(t *testing.T) {
	if g := GuessCharset([]string{"\xc4\xbf\xc2\xbc"}); g.Charset != "gbk" || g.Sample != "目录" {
		t.Fatalf("guessed %+v, want gbk 目录", g)
	}
}

// TestGuessCharsetUTF8: the same names sent as UTF-8 are UTF-8.
func TestGuessCharsetUTF8(t *testing.T) {
	for _, s := range charsetSamples {
		if g := GuessCharset(s.names); g.Charset != "utf-8" {
			t.Errorf("%s names in UTF-8: guessed %+v", s.charset, g)
		}
		for _, n := range s.names {
			if g := GuessCharset([]string{n}); g.Charset != "utf-8" {
				t.Errorf("%q in UTF-8: guessed %+v", n, g)
			}
		}
	}
}

func TestGuessCharsetNothingToSay(t *testing.T) {
	if g := GuessCharset([]string{"readme.txt", "pub"}); g.Charset != "" {
		t.Errorf("ASCII names: %+v", g)
	}
	if g := GuessCharset([]string{"readme.txt", "文档"}); g.Charset != "utf-8" {
		t.Errorf("UTF-8 names: %+v", g)
	}
}

// TestFrequencyTables: the tables hold only letters of their script (a
// typo there would quietly weaken the guess).
func TestFrequencyTables(t *testing.T) {
	check := func(name, table string, ok func(r rune) bool) {
		for _, r := range table {
			if !ok(r) {
				t.Errorf("%s holds %q", name, r)
			}
		}
	}
	han := func(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }
	check("commonSimplified", commonSimplified, han)
	check("commonTraditional", commonTraditional, han)
	check("commonKanji", commonKanji, han)
	check("commonHangul", commonHangul, func(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 })
}
