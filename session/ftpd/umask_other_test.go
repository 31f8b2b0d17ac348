//go:build !unix

package ftpd

func setUmask(int) (restore func()) { return func() {} }
