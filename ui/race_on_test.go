//go:build race

package ui

// raceDetector: the race detector makes rendering ten times slower, so the
// size sweep checks fewer sizes (.ci/run also runs it whole without it).
const raceDetector = true
