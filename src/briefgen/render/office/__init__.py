"""What the Word and PowerPoint writers share: core properties, XML text, safe reference documents."""
