from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """Files kept on disk with no public address: they are only ever served by views
    that check the visitor's rights."""

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no public URL; serve them through a view.")
