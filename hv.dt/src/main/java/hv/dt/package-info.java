/** Device trees: the tree model, DTS and DTB readers and writers. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package hv.dt;
