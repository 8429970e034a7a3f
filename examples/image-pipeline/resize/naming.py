"""Where a thumbnail is stored, kept apart from the handler so it can be
tested without AWS."""
import posixpath


def thumbnail_key(key):
    """'photos/cat.jpg' -> 'thumbnails/photos/cat.jpg'."""
    return posixpath.join("thumbnails", key.lstrip("/"))
