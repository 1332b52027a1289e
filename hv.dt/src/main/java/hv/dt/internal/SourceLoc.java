package hv.dt.internal;

import hv.dt.DtException;

/**
 * A position in DTS source: file name as given, line and column from 1.
 *
 * @param file   the file name shown in messages
 * @param line   line number from 1
 * @param column column number from 1
 */
public record SourceLoc(String file, int line, int column) {

    /** An error at this position. */
    public DtException error(String detail) {
        return DtException.at(file, line, column, detail);
    }

    /** The same error located here (keeps node path and property). */
    public DtException locate(DtException e) {
        return e.file() != null ? e : e.located(file, line, column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
