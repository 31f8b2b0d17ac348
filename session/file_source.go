package session

import "os"

// fileSource is a local file as an upload's data: the data connection
// sends it with sendfile (dataConn.ReadFrom), or reads it when it cannot.
type fileSource struct {
	f        *os.File
	progress func(int64)
	n        int64
	err      error // the data connection's failure, when it sent f itself
}

func (s *fileSource) Read(p []byte) (int, error) {
	n, err := s.f.Read(p)
	s.add(int64(n))
	return n, err
}

func (s *fileSource) add(n int64) {
	if n > 0 {
		s.n += n
		if s.progress != nil {
			s.progress(s.n)
		}
	}
}
