package main

import (
	"fmt"
	"io"
	"strings"
)

// subcommands are ftpane's first words other than a host.
var subcommands = []string{"demo", "serve", "config", "man", "completion", "sites"}

// serveFlags are `ftpane serve`'s flags (serve_flags.go).
var serveFlags = []string{"--addr", "--user", "--pass", "--anonymous", "--readonly", "--tls-cert", "--tls-key",
	"--tls-self-signed", "--implicit-tls", "--help"}

// runCompletion is `ftpane completion bash|zsh|fish`: a script that
// completes flags, subcommands and @site names (asked of `ftpane sites
// --names` as the user types, so new sites complete at once).
func runCompletion(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "ftpane completion: usage: ftpane completion bash|zsh|fish")
		return 2
	}
	var script string
	switch args[0] {
	case "bash":
		script = bashScript
	case "zsh":
		script = zshScript
	case "fish":
		script = fishScript()
	default:
		fmt.Fprintf(stderr, "ftpane completion: unknown shell %q (bash, zsh or fish)\n", args[0])
		return 2
	}
	r := strings.NewReplacer("@FLAGS@", strings.Join(flagNames(), " "), "@SUBCOMMANDS@", strings.Join(subcommands, " "),
		"@SERVE@", strings.Join(serveFlags, " "))
	io.WriteString(stdout, r.Replace(script))
	return 0
}

// flagNames are the client's flags, from the usage text.
func flagNames() []string {
	var out []string
	for _, f := range usageFlags() {
		name, _, _ := strings.Cut(f[0], " ")
		out = append(out, name)
	}
	return out
}

const bashScript = `# bash completion for ftpane: source <(ftpane completion bash)
_ftpane() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} first=${COMP_WORDS[1]}
    COMPREPLY=()
    case $prev in
        -b|--tls-cert|--tls-key) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --encoding) COMPREPLY=($(compgen -W "gbk gb18030 big5 shift_jis euc-jp euc-kr latin1" -- "$cur")); return ;;
        completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
    esac
    case $first in
        config) [[ $COMP_CWORD -eq 2 ]] && COMPREPLY=($(compgen -W "--default" -- "$cur")); return ;;
        sites) [[ $COMP_CWORD -eq 2 ]] && COMPREPLY=($(compgen -W "--names" -- "$cur")); return ;;
        serve) if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "@SERVE@" -- "$cur")); else COMPREPLY=($(compgen -d -- "$cur")); fi; return ;;
        man|completion|demo) return ;;
    esac
    if [[ $cur == @* ]]; then
        local IFS=$'\n' name
        for name in $(compgen -W "$("${COMP_WORDS[0]}" sites --names 2>/dev/null)" -- "${cur#@}"); do
            COMPREPLY+=("@$(printf '%q' "$name")")
        done
    elif [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "@FLAGS@" -- "$cur"))
    elif [[ $COMP_CWORD -eq 1 ]]; then
        COMPREPLY=($(compgen -W "@SUBCOMMANDS@" -- "$cur"))
    fi
}
complete -F _ftpane ftpane
`

const zshScript = `#compdef ftpane
# zsh completion for ftpane: ftpane completion zsh > "${fpath[1]}/_ftpane"
_ftpane() {
    local cur=${words[CURRENT]}
    case ${words[CURRENT-1]} in
        -b|--tls-cert|--tls-key) _files; return ;;
        --encoding) compadd -- gbk gb18030 big5 shift_jis euc-jp euc-kr latin1; return ;;
        completion) compadd -- bash zsh fish; return ;;
    esac
    case ${words[2]} in
        config) (( CURRENT == 3 )) && compadd -- --default; return ;;
        sites) (( CURRENT == 3 )) && compadd -- --names; return ;;
        serve) if [[ $cur == -* ]]; then compadd -- @SERVE@; else _files -/; fi; return ;;
        man|completion|demo) return ;;
    esac
    if [[ $cur == @* ]]; then
        local -a names
        names=("${(@f)$(${words[1]} sites --names 2>/dev/null)}")
        compadd -P @ -- "${names[@]}"
    elif [[ $cur == -* ]]; then
        compadd -- @FLAGS@
    elif (( CURRENT == 2 )); then
        compadd -- @SUBCOMMANDS@
    fi
}
if [[ $zsh_eval_context[-1] == loadautoload ]]; then
    _ftpane "$@"
else
    compdef _ftpane ftpane
fi
`

// fishScript describes each flag with its usage text.
func fishScript() string {
	var b strings.Builder
	b.WriteString("# fish completion for ftpane: ftpane completion fish > ~/.config/fish/completions/ftpane.fish\n")
	b.WriteString("complete -c ftpane -f\n")
	b.WriteString("complete -c ftpane -n __fish_use_subcommand -a '@SUBCOMMANDS@'\n")
	b.WriteString("complete -c ftpane -n __fish_use_subcommand -a '(ftpane sites --names 2>/dev/null | string replace -r \"^\" @)' -d site\n")
	b.WriteString("complete -c ftpane -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n")
	b.WriteString("complete -c ftpane -n '__fish_seen_subcommand_from config' -l default -d 'the documented default config'\n")
	for _, f := range usageFlags() {
		name, arg, _ := strings.Cut(f[0], " ")
		opt := "-s " + strings.TrimPrefix(name, "-")
		if strings.HasPrefix(name, "--") {
			opt = "-l " + strings.TrimPrefix(name, "--")
		}
		if arg != "" {
			opt += " -r"
		}
		fmt.Fprintf(&b, "complete -c ftpane %s -d %s\n", opt, fishQuote(f[1]))
	}
	return b.String()
}

func fishQuote(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", `\'`) + "'"
}
