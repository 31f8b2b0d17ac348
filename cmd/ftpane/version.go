package main

import (
	"runtime/debug"
	"strings"
)

// versionText is --version: the module version and the VCS revision the
// binary was built from (Go stamps both into the build info), with
// "modified" when the tree had uncommitted changes. A version set with
// -ldflags -X main.version wins over "(devel)".
func versionText() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "ftpane " + version
	}
	return "ftpane " + describeBuild(info)
}

func describeBuild(info *debug.BuildInfo) string {
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = version
	}
	set := map[string]string{}
	for _, s := range info.Settings {
		set[s.Key] = s.Value
	}
	var parts []string
	if rev := set["vcs.revision"]; rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		parts = append(parts, "commit "+rev)
	}
	if t := set["vcs.time"]; t != "" {
		parts = append(parts, t)
	}
	if set["vcs.modified"] == "true" {
		parts = append(parts, "modified")
	}
	parts = append(parts, info.GoVersion)
	return v + " (" + strings.Join(parts, ", ") + ")"
}
