"""The second layer: query workers that cannot open a network socket (Linux seccomp-BPF).

The first layer is the query guard (:mod:`ogpgraph.core.guard`): SERVICE, LOAD and FROM outside the
dataset are refused before evaluation. This module is what holds if the guard were ever wrong:
at start, before it takes any job, a query worker installs a seccomp filter that makes the
kernel refuse, with ``EPERM``, every ``socket()`` call of that process and of anything it
starts, whatever the address family (IPv4, IPv6, netlink, packet, Unix), and ``io_uring_setup``
(io_uring can create sockets without the ``socket`` system call). A worker needs no new socket:
its pipe to the server was made before the filter, and RocksDB reads files. ``prctl
(PR_SET_NO_NEW_PRIVS)`` comes first, as the kernel requires of an unprivileged process, so that
nothing the worker runs can gain privileges either. A filter cannot be removed once installed.

Why a small ctypes module and not libseccomp's binding: the filter is ten BPF instructions;
the official binding is not on PyPI (Debian's ``python3-seccomp`` serves the system Python only),
and ``pyseccomp`` (its ctypes stand-in) has had no release since January 2021 and needs the C
library anyway. This module needs nothing but the C library's ``prctl``.

Where it cannot be installed — not Linux, a processor other than x86-64 and AArch64 (the system
call numbers differ), a kernel without seccomp filters — :func:`install` returns the reason and
the server says once that the second layer is off; the guard still refuses what it refuses.

>>> SUPPORTED_ARCHES["x86_64"].socket, SUPPORTED_ARCHES["aarch64"].socket
(41, 198)
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import struct
import sys
from dataclasses import dataclass

# <linux/prctl.h>, <linux/seccomp.h>, <linux/filter.h>, <linux/audit.h>
PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_ERRNO = 0x00050000
BPF_LD_W_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS
BPF_JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
BPF_JGE_K = 0x35  # BPF_JMP | BPF_JGE | BPF_K
BPF_RET_K = 0x06  # BPF_RET | BPF_K
OFFSET_NR = 0  # struct seccomp_data: int nr; __u32 arch; __u64 ip; __u64 args[6]
OFFSET_ARCH = 4
X32_SYSCALL_BIT = 0x40000000


@dataclass(frozen=True)
class Arch:
    """What the filter needs to know about one processor's Linux system calls."""

    audit: int  # AUDIT_ARCH_… : the filter refuses calls made under any other ABI
    socket: int
    io_uring_setup: int
    x32: bool = False  # x86-64 also accepts x32 system calls (numbers with bit 30 set)


SUPPORTED_ARCHES = {
    "x86_64": Arch(audit=0xC000003E, socket=41, io_uring_setup=425, x32=True),
    "aarch64": Arch(audit=0xC00000B7, socket=198, io_uring_setup=425),
}
SUPPORTED_ARCHES["amd64"] = SUPPORTED_ARCHES["x86_64"]
SUPPORTED_ARCHES["arm64"] = SUPPORTED_ARCHES["aarch64"]

#: What a worker reports when the layer is on.
ACTIVE = "on: query workers cannot open network sockets (seccomp)"


def _insn(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k)


def program(arch: Arch) -> bytes:
    """The BPF filter for ``arch``: EPERM for socket() and io_uring_setup(), allow the rest."""
    deny = SECCOMP_RET_ERRNO | errno.EPERM
    insns = [
        _insn(BPF_LD_W_ABS, 0, 0, OFFSET_ARCH),
        # a system call made through another ABI (say i386's int 0x80) is refused whole
        _insn(BPF_JEQ_K, 1, 0, arch.audit),
        _insn(BPF_RET_K, 0, 0, deny),
        _insn(BPF_LD_W_ABS, 0, 0, OFFSET_NR),
    ]
    if arch.x32:
        insns += [_insn(BPF_JGE_K, 0, 1, X32_SYSCALL_BIT), _insn(BPF_RET_K, 0, 0, deny)]
    insns += [
        _insn(BPF_JEQ_K, 2, 0, arch.socket),
        _insn(BPF_JEQ_K, 1, 0, arch.io_uring_setup),
        _insn(BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW),
        _insn(BPF_RET_K, 0, 0, deny),
    ]
    return b"".join(insns)


def unavailable() -> str | None:
    """Why the filter cannot be installed here, or None when it can be tried."""
    if not sys.platform.startswith("linux"):
        return f"off: seccomp filters need Linux (this is {sys.platform})"
    if platform.machine().lower() not in SUPPORTED_ARCHES:
        return f"off: no seccomp filter for the {platform.machine()} processor (x86-64, AArch64)"
    return None


def install() -> str:
    """Install the filter in this process (irreversibly); the status line to report.

    Returns :data:`ACTIVE`, or a line starting with ``off:`` that says why not.
    """
    reason = unavailable()
    if reason is not None:
        return reason
    arch = SUPPORTED_ARCHES[platform.machine().lower()]
    code = program(arch)
    count = len(code) // 8

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_char_p)]

    libc = ctypes.CDLL(None, use_errno=True)
    prctl = libc.prctl
    prctl.restype = ctypes.c_int
    if prctl(PR_SET_NO_NEW_PRIVS, ctypes.c_ulong(1), ctypes.c_ulong(0), 0, 0) != 0:
        return f"off: prctl(PR_SET_NO_NEW_PRIVS) failed: {os.strerror(ctypes.get_errno())}"
    buffer = ctypes.create_string_buffer(code, len(code))
    fprog = SockFprog(count, ctypes.cast(buffer, ctypes.c_char_p))
    if prctl(PR_SET_SECCOMP, ctypes.c_ulong(SECCOMP_MODE_FILTER), ctypes.byref(fprog), 0, 0) != 0:
        return f"off: the kernel refused the seccomp filter: {os.strerror(ctypes.get_errno())}"
    return ACTIVE
