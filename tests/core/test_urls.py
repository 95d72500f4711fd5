from tracker.core.urls import mask_password


def test_a_password_in_a_url_is_never_shown():
    assert mask_password("postgresql://ana:s3cr3t@db.example:5432/team") == (
        "postgresql://ana:***@db.example:5432/team"
    )
    assert mask_password('Cannot reach "postgres://ana:p@ss:w@host/db"') == (
        'Cannot reach "postgres://ana:***@host/db"'
    )


def test_urls_without_a_password_and_paths_are_left_alone():
    for text in ("postgresql://ana@host/db", "/home/ana/tracker.db", "sqlite:///x.db", "a:b@c"):
        assert mask_password(text) == text


def test_a_password_given_as_a_query_parameter_is_masked_too():
    assert mask_password("postgresql://ana@h:1/x?sslmode=require&password=s3cret&a=b") == (
        "postgresql://ana@h:1/x?sslmode=require&password=***&a=b"
    )
